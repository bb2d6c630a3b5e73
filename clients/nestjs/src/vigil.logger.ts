import { ConsoleLogger, Inject, Injectable, type LoggerService, type LogLevel } from '@nestjs/common';
import type { Level } from './contract.js';
import type { ResolvedOptions } from './options.js';
import { VIGIL_OPTIONS, VigilService } from './vigil.service.js';

const LEVELS: Record<LogLevel, Level> = {
  verbose: 'TRACE',
  debug: 'DEBUG',
  log: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'FATAL',
};

/**
 * Nest's logger, publishing each call as an `agent_log` with the request's correlation and trace IDs; a call
 * with an Error, or with the printed stack Nest passes for exceptions, becomes an `error` with its frames.
 * `app.useLogger(app.get(VigilLogger))`; with `console: true` lines are printed as well.
 */
@Injectable()
export class VigilLogger implements LoggerService {
  private levels: Set<LogLevel>;
  private readonly console?: ConsoleLogger;

  constructor(
    @Inject(VigilService) private readonly vigil: VigilService,
    @Inject(VIGIL_OPTIONS) options: ResolvedOptions,
  ) {
    this.levels = new Set(options.logLevels);
    if (options.console) this.console = new ConsoleLogger();
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** `error(message, stack?, context?)` as Nest calls it, or `error(err, context?)`. */
  error(message: unknown, ...params: unknown[]): void {
    if (this.console) this.console.error(message, ...params);
    if (!this.levels.has('error')) return;
    const context = contextOf(params);
    if (message instanceof Error) {
      this.vigil.error(message, { logger: context, handled: true });
      return;
    }
    const stack = params.length > 0 && isStack(params[0]) ? (params[0] as string) : undefined;
    if (stack !== undefined) {
      this.vigil.errorFromStack(format(message), stack, { logger: context, handled: true });
    } else {
      this.vigil.log('ERROR', joined(message, params), context);
    }
  }

  setLogLevels(levels: LogLevel[]): void {
    this.levels = new Set(levels);
    this.console?.setLogLevels(levels);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (this.console) this.console[level](message, ...params);
    if (!this.levels.has(level)) return;
    if (message instanceof Error) {
      this.vigil.error(message, { logger: contextOf(params), severity: level === 'fatal' ? 'fatal' : 'warning', handled: true });
      return;
    }
    this.vigil.log(LEVELS[level], joined(message, params), contextOf(params));
  }
}

/** Nest passes the logger's context (its name) as the last parameter, when it is a string. */
function contextOf(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' && !isStack(last) ? last : undefined;
}

function isStack(v: unknown): boolean {
  return typeof v === 'string' && v.includes('\n    at ');
}

/** The message and the parameters between it and the context, as Nest's console logger would print them. */
function joined(message: unknown, params: unknown[]): string {
  const extra = contextOf(params) === undefined ? params : params.slice(0, -1);
  let out = format(message);
  for (const p of extra) out += ' ' + format(p);
  return out;
}

function format(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.stack ?? v.message;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
