import { Injectable, Logger } from '@nestjs/common';
import { Timed, TracksEvent } from '@vigil/nestjs';
import { randomUUID } from 'node:crypto';

export interface Charge {
  orderId: string;
  amount: number;
  currency: string;
}

export interface Payment {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
}

/** Thrown by the (simulated) card gateway. */
export class GatewayTimeout extends Error {
  override name = 'GatewayTimeout';
}

@Injectable()
export class PaymentsService {
  private readonly log = new Logger(PaymentsService.name);

  /** Charges the card: a timer per call, a `payment_captured` business event per success. */
  @Timed('payments.charge')
  @TracksEvent<Payment>('payment_captured', (p) => ({
    value: p.amount,
    currency: p.currency,
    properties: { order_id: p.orderId },
  }))
  async charge(c: Charge): Promise<Payment> {
    this.log.log(`charging ${c.amount} ${c.currency} for order ${c.orderId}`);
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20)); // the gateway's round trip
    if (c.orderId.endsWith('-timeout')) throw new GatewayTimeout(`card gateway timed out for order ${c.orderId}`);
    return { paymentId: randomUUID(), ...c };
  }
}
