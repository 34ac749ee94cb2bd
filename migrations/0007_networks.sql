CREATE TABLE "incident_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"network" text NOT NULL,
	"source_key" text NOT NULL,
	"text" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"inbound_event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telegram_threads" (
	"discussion_chat_id" bigint NOT NULL,
	"discussion_message_id" bigint NOT NULL,
	"channel_chat_id" bigint NOT NULL,
	"channel_post_id" bigint NOT NULL,
	"channel_username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vk_long_poll" (
	"group_id" bigint PRIMARY KEY NOT NULL,
	"ts" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_messages" ADD CONSTRAINT "incident_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_messages_network_source" ON "incident_messages" USING btree ("network","source_key");--> statement-breakpoint
CREATE INDEX "incident_messages_incident" ON "incident_messages" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telegram_threads_discussion" ON "telegram_threads" USING btree ("discussion_chat_id","discussion_message_id");--> statement-breakpoint
-- Repeats (shared/ingest/repeats.ts) compare texts with pg_trgm. It ships with PostgreSQL's contrib (the
-- official Docker image and embedded-postgres include it) and is a trusted extension, so the database owner
-- may create it. Where it is missing the migration still succeeds and repeats fall back to a similarity
-- computed in Node on the author's few recent incidents (logged once).
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm is not available (%): repeat suggestions use the fallback similarity', SQLERRM;
END $$;
--> statement-breakpoint
-- One author's recent incidents: what repeats and bursts look up on every ingest.
CREATE INDEX IF NOT EXISTS "incidents_author_detected" ON "incidents" USING btree ("network","author_id","detected_at");
