export {
  CORRELATION_HEADER,
  CORRELATION_HEADERS,
  REQUEST_ID_HEADER,
  contextFromHeaders,
  currentContext,
  outgoingHeaders,
  runInContext,
} from './context.js';
export type { RequestContext } from './context.js';
export { ContractWriter, parseFrames } from './contract.js';
export type { BusinessEventFields, ErrorFields, Level, MetricFields, MetricKind, Scalar, Scalars, Severity } from './contract.js';
export { Timed, TracksEvent } from './decorators.js';
export { vigilAxios, vigilFetch } from './http.js';
export { DEFAULT_TOPICS, resolveOptions } from './options.js';
export type { LogLevel, ResolvedOptions, Topics, VigilOptions } from './options.js';
export { Publisher } from './publisher.js';
export type { PublisherStats } from './publisher.js';
export { TraceParent, isSpanId, isTraceId } from './trace-parent.js';
export { VigilInterceptor } from './vigil.interceptor.js';
export { VigilLogger } from './vigil.logger.js';
export { VigilContextMiddleware } from './vigil.middleware.js';
export { VigilModule } from './vigil.module.js';
export type { VigilAsyncOptions } from './vigil.module.js';
export { VIGIL_OPTIONS, VigilService } from './vigil.service.js';
