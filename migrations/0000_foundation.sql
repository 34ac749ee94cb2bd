CREATE TABLE "cards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" integer,
	"shown_version" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"event_key" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" bigint,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"thread" jsonb NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text,
	"author_link" text,
	"text" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"permalink" text,
	"posted_at" timestamp with time zone NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"profile" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cards_incident_chat" ON "cards" USING btree ("incident_id","chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_events_network_key" ON "inbound_events" USING btree ("network","event_key");--> statement-breakpoint
CREATE INDEX "inbound_events_unprocessed" ON "inbound_events" USING btree ("received_at") WHERE processed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_events_version" ON "incident_events" USING btree ("incident_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_network_source" ON "incidents" USING btree ("network","source_key");--> statement-breakpoint
CREATE INDEX "incidents_status" ON "incidents" USING btree ("status");