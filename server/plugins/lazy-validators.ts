import AjvCompiler from '@fastify/ajv-compiler';

/**
 * One AJV compiler for every app this process builds: Fastify's pool gives apps with the same options and shared
 * schemas the same AJV instance, which keeps each schema it compiled (by the schema object, a module constant of its
 * route), so the next app does not compile it again. A running lab builds one app; the tests build hundreds per
 * worker, where compiling was a large share of an API test file's CPU (figures: docs/testing.md, "Test time").
 */
const buildCompiler = AjvCompiler();

/**
 * Fastify's own validator compiler (AJV, same options), except that each route's validator is compiled on the route's
 * first request instead of all at start-up, where compiling every schema was a large part of the lab's start (and of
 * every test app's; docs/benchmark.md, Start-up). Pass as `schemaController.compilersFactory.buildValidator`.
 */
export function lazyValidators(): AjvCompiler.ValidatorFactory {
  return (externalSchemas, options) => {
    const compile = buildCompiler(externalSchemas, options);
    return (route) => {
      let validate: ReturnType<typeof compile> | undefined;
      // Fastify reads the reasons of a failed validation from the function's `errors`, as AJV leaves them.
      const lazy = Object.assign(
        (data: unknown) => {
          validate ??= compile(route);
          const valid = validate(data);
          lazy.errors = validate.errors;
          return valid;
        },
        { errors: null as ReturnType<typeof compile>['errors'] },
      );
      return lazy as unknown as ReturnType<typeof compile>;
    };
  };
}
