CREATE TABLE "incident_list" (
	"incident_id" bigint PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"open" boolean NOT NULL,
	"next_due" timestamp with time zone,
	"next_timer" text,
	"departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"holder_users" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"holder_departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"holder_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"basis" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pending_inputs" DROP CONSTRAINT "pending_inputs_pkey";--> statement-breakpoint
ALTER TABLE "pending_inputs" ADD CONSTRAINT "pending_inputs_user_incident" PRIMARY KEY("user_id","incident_id");--> statement-breakpoint
ALTER TABLE "pending_inputs" ADD COLUMN "prompt_message_id" integer;--> statement-breakpoint
ALTER TABLE "incident_list" ADD CONSTRAINT "incident_list_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_list_open_due" ON "incident_list" USING btree ("next_due","incident_id") WHERE open;--> statement-breakpoint
CREATE INDEX "incident_list_departments" ON "incident_list" USING gin ("departments");