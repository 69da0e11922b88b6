import { defineConfig } from 'prisma/config';

// The CLI is used only to generate the client and to write migration SQL (`npm run db:migration:new`);
// migrations are applied by prisma/migrate.ts for PGlite and PostgreSQL alike.
process.env.DATABASE_URL ??= 'postgresql://yifa@localhost/yifa';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema',
  adapter: async () => {
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    const { PGlite } = await import('@electric-sql/pglite');
    // The adapter bundles its own copy of driver-adapter-utils types; the runtime contract is the same.
    return new PrismaPGlite(new PGlite()) as never;
  },
});
