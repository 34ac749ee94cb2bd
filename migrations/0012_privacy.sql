CREATE TABLE "privacy_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"network" text,
	"request" text,
	"incidents" integer NOT NULL,
	"inbound_events" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "anonymised_at" timestamp with time zone;