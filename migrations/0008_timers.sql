CREATE TABLE "staff_away" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"from" timestamp with time zone NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"substitute_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timer_firings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"timer" text NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"step" text NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"holder" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "timer_firings" ADD CONSTRAINT "timer_firings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "timer_firings_once" ON "timer_firings" USING btree ("incident_id","timer","department","step","due");--> statement-breakpoint
CREATE INDEX "timer_firings_step" ON "timer_firings" USING btree ("step","due");