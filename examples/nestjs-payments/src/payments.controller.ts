import { BadRequestException, Body, Controller, Logger, Post } from '@nestjs/common';
import { PaymentsService, type Charge, type Payment } from './payments.service.js';

@Controller('payments')
export class PaymentsController {
  private readonly log = new Logger(PaymentsController.name);

  constructor(private readonly payments: PaymentsService) {}

  @Post()
  async pay(@Body() body: Partial<Charge>): Promise<Payment> {
    if (typeof body?.orderId !== 'string' || typeof body.amount !== 'number' || !/^[A-Z]{3}$/.test(body.currency ?? '')) {
      throw new BadRequestException('orderId (string), amount (number) and currency (ISO 4217) are required');
    }
    const payment = await this.payments.charge(body as Charge);
    this.log.log(`payment ${payment.paymentId} captured for order ${payment.orderId}`);
    return payment;
  }
}
