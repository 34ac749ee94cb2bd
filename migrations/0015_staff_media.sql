CREATE TABLE "staff_media" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"source" text NOT NULL,
	"draft" integer DEFAULT 0 NOT NULL,
	"message_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"shown_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_media" ADD CONSTRAINT "staff_media_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_media_one" ON "staff_media" USING btree ("incident_id","chat_id","source","draft");--> statement-breakpoint
CREATE INDEX "staff_media_behind" ON "staff_media" USING btree ("id") WHERE shown_version is null or shown_version < version;