import SerializerSelector from '@fastify/fast-json-stringify-compiler';

const buildSerializers = SerializerSelector();
/** Compiled serializers by the compiler's options (shared schemas included), then by response schema object. */
const compiled = new Map<string, WeakMap<object, SerializerSelector.Serializer>>();

/**
 * Fastify's own response serializer compiler (fast-json-stringify, same options), except that a serializer compiled
 * for one app is kept for the next app this process builds with the same options and the same schema object (a module
 * constant of its route). A running lab builds one app and compiles as before; the tests build hundreds per worker,
 * each compiling every response schema at start (docs/testing.md, "Test time"). fast-json-stringify's serializers
 * keep no state between calls. Pass as `schemaController.compilersFactory.buildSerializer`.
 */
export function sharedSerializers(): SerializerSelector.SerializerFactory {
  return (externalSchemas, options) => {
    const build = buildSerializers(externalSchemas, options);
    const key = JSON.stringify([externalSchemas ?? null, options ?? null]);
    let bySchema = compiled.get(key);
    if (!bySchema) compiled.set(key, (bySchema = new WeakMap()));
    const cache = bySchema;
    return (route) => {
      const schema = route.schema;
      if (typeof schema !== 'object' || schema === null) return build(route);
      let serialize = cache.get(schema);
      if (!serialize) cache.set(schema, (serialize = build(route)));
      return serialize;
    };
  };
}
