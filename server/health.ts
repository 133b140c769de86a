import type { FastifyBaseLogger } from 'fastify';
import type { Static } from 'typebox';
import type { HealthReply } from './http-schemas.js';

export type HealthReport = Static<typeof HealthReply>;

/**
 * What GET /api/health reports beyond "the server answers": a part of the lab that stopped while the lab serves on.
 * Today one: the WAL checkpointer (db/checkpointer.ts), reported by server/start.ts.
 */
export class LabHealth {
  private checkpointFailure: Error | undefined;

  constructor(private readonly log: Pick<FastifyBaseLogger, 'error'>) {}

  /**
   * The checkpointer failed (db/checkpointer.ts, onFailure): SQLite checkpoints inside commits again, slower but
   * nothing lost. Logged once.
   */
  checkpointsFailed(error: Error): void {
    if (this.checkpointFailure) return;
    this.checkpointFailure = error;
    this.log.error({ err: error }, 'WAL checkpoints failed; SQLite checkpoints inside commits again');
  }

  report(): HealthReport {
    if (!this.checkpointFailure) return { status: 'ok' };
    return {
      status: 'degraded',
      problems: [{ code: 'wal_checkpoints_failed', cause: causeOf(this.checkpointFailure) }],
    };
  }
}

/** SQLite's error code (SQLITE_NOTADB, SQLITE_IOERR…) or the error's name: a code an operator can look up. */
function causeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' ? code : error.name).slice(0, 64);
}
