import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { detectedEvent, serializeEvent } from '../domain/index.js';
import { inboundEvents, incidentEvents, incidents } from '../db/schema.js';
import type { InboundMessage } from '../networks/types.js';

/**
 * Registers a citizen's message as a detected incident, in one transaction
 * with its audit event and the inbound event's outcome. The unique key on the
 * network's message id makes a second delivery (a re-sent callback under a
 * new event id, a replayed long-poll batch) a no-op.
 */
export async function registerIncident(
  db: Db,
  input: { message: InboundMessage; inboundEventId: number; detectedAt: Date; profile: string },
): Promise<{ incidentId: number; created: boolean }> {
  const { message: m } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        network: m.network,
        kind: m.kind,
        sourceKey: m.sourceKey,
        thread: m.thread,
        authorId: m.author.id,
        authorName: m.author.name ?? null,
        authorLink: m.author.link ?? null,
        text: m.text,
        attachments: m.attachments,
        permalink: m.permalink ?? null,
        postedAt: m.postedAt,
        detectedAt: input.detectedAt,
        status: 'detected',
        profile: input.profile,
      })
      .onConflictDoNothing()
      .returning({ id: incidents.id });

    let incidentId: number;
    if (row) {
      incidentId = row.id;
      // The stream's first event, as the workflow core defines it; where it came from rides along in its data.
      const record = serializeEvent(detectedEvent({ incidentId, network: m.network, at: input.detectedAt }));
      await tx.insert(incidentEvents).values({
        incidentId,
        ...record,
        data: { ...record.data, inboundEventId: input.inboundEventId, kind: m.kind },
      });
    } else {
      const [existing] = await tx
        .select({ id: incidents.id })
        .from(incidents)
        .where(sql`${incidents.network} = ${m.network} and ${incidents.sourceKey} = ${m.sourceKey}`);
      incidentId = existing!.id;
    }
    await tx
      .update(inboundEvents)
      .set({ processedAt: sql`now()`, outcome: row ? `incident ${incidentId}` : `duplicate of incident ${incidentId}` })
      .where(eq(inboundEvents.id, input.inboundEventId));
    return { incidentId, created: Boolean(row) };
  });
}
