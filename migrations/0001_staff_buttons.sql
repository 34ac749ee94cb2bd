CREATE TABLE "buttons" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"chat_id" bigint NOT NULL,
	"action" text NOT NULL,
	"args" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_inputs" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"args" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "selection" jsonb;--> statement-breakpoint
ALTER TABLE "buttons" ADD CONSTRAINT "buttons_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_inputs" ADD CONSTRAINT "pending_inputs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buttons_incident" ON "buttons" USING btree ("incident_id");