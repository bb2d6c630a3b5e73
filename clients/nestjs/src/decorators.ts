import type { BusinessEventFields, Scalars } from './contract.js';
import { VigilService } from './vigil.service.js';

/**
 * Times each call of the method (`timer` metric `name`, in ms; a returned promise is timed until it settles),
 * with `operation` defaulting to `Class.method`.
 */
export function Timed(name: string, options: { operation?: string; tags?: Scalars } = {}): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const operation = options.operation ?? `${target.constructor.name}.${String(key)}`;
    descriptor.value = function (this: unknown, ...args: unknown[]) {
      const vigil = VigilService.current();
      if (!vigil) return original.apply(this, args);
      return vigil.time(name, () => original.apply(this, args), { operation, tags: options.tags });
    };
    return descriptor;
  };
}

/**
 * Emits business event `name` each time the method succeeds (its promise resolves); `fields` derives the
 * event's fields from the result and the arguments.
 */
export function TracksEvent<R = unknown>(
  name: string,
  fields?: (result: R, args: unknown[]) => BusinessEventFields,
): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    descriptor.value = function (this: unknown, ...args: unknown[]) {
      const emit = (result: unknown) => {
        VigilService.current()?.event(name, fields?.(result as R, args));
        return result;
      };
      const result = original.apply(this, args);
      return result instanceof Promise ? result.then(emit) : emit(result);
    };
    return descriptor;
  };
}
