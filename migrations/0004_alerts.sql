CREATE TABLE "alert_spikes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"count" integer NOT NULL,
	"baseline" double precision NOT NULL,
	"incident_ids" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"posted_version" integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_spikes_open" ON "alert_spikes" USING btree ("dimension","value") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "alert_spikes_behind" ON "alert_spikes" USING btree ("id") WHERE posted_version is null or posted_version < version;