import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const registry = new OpenAPIRegistry();
registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

export const ErrorSchema = registry.register(
  'Error',
  z.object({
    error: z.string(),
    messageKey: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    rule: z.string().optional().describe('The statutory rule that refused the request (DOMAIN.md id), on 409'),
    issues: z
      .array(
        z.object({ path: z.string(), messageKey: z.string(), message: z.object({ zh: z.string(), en: z.string() }) }),
      )
      .optional(),
  }),
);

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
export const errors = {
  400: err('Invalid request: each field with its reason'),
  401: err('Not signed in'),
  403: err('Not allowed for your role or department'),
  404: err('Not found'),
  409: err('Refused by a rule (the rule id is in `rule`)'),
};

export const json = (schema: z.ZodType, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
export const security = [{ bearer: [] }];

let cached: object | undefined;
export function openApiDocument(): object {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Yifa 依法 — major administrative decisions API',
      version: '0.1.0',
      description:
        'The statutory procedure for major administrative decisions (重大行政决策). Errors carry a message in Chinese and English; a refusal by a statutory rule is a 409 naming the rule (DOMAIN.md R1–R40).',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}
