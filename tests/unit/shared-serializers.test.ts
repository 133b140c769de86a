import { describe, expect, it } from 'vitest';
import { sharedSerializers } from '../../server/plugins/shared-serializers.js';

// Response serializers are compiled once per process per schema object: a second app (the tests build hundreds) gets
// the first one's, and each still writes exactly what its schema says.

const route = (schema: object) => ({ method: 'GET', url: '/x', httpStatus: '200', schema });
const options = { rounding: 'trunc' as const };

describe('sharedSerializers', () => {
  it("gives a second app the first app's serializer for the same schema object, and compiles a different schema anew", () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const first = sharedSerializers()({}, options)(route(schema));
    const second = sharedSerializers()({}, options)(route(schema));
    expect(second).toBe(first);
    const other = sharedSerializers()({}, options)(route({ ...schema }));
    expect(other).not.toBe(first);
  });

  it('writes only what the schema names, as fast-json-stringify does', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, n: { type: 'integer' } } };
    const serialize = sharedSerializers()({}, options)(route(schema));
    expect(serialize({ a: 'x', n: 2.7, secret: 'no' })).toBe('{"a":"x","n":2}');
  });

  it('keeps serializers apart for different compiler options', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } } };
    const trunc = sharedSerializers()({}, { rounding: 'trunc' })(route(schema));
    const ceil = sharedSerializers()({}, { rounding: 'ceil' })(route(schema));
    expect(trunc({ n: 2.2 })).toBe('{"n":2}');
    expect(ceil({ n: 2.2 })).toBe('{"n":3}');
  });
});
