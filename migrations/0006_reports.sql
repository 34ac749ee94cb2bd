CREATE TABLE "report_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"chat_id" bigint NOT NULL,
	"photo_message_id" integer,
	"document_message_id" integer,
	"claimed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_incidents" (
	"incident_id" bigint PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"network" text NOT NULL,
	"topics" jsonb NOT NULL,
	"location" text,
	"received_at" timestamp with time zone NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"rejected" boolean NOT NULL,
	"socially_significant" boolean NOT NULL,
	"repeat_of" bigint,
	"first_reply_at" timestamp with time zone,
	"first_reply_working_minutes" integer,
	"interim_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"engagement" integer,
	"reacted" boolean,
	"excerpt" text NOT NULL,
	"link" text,
	"returns" jsonb NOT NULL,
	"drafts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_stages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"stage" text NOT NULL,
	"department" text,
	"executor_id" bigint,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"met" boolean,
	"working_minutes" integer NOT NULL,
	"calendar_minutes" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_incidents" ADD CONSTRAINT "report_incidents_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_stages" ADD CONSTRAINT "report_stages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_deliveries_key" ON "report_deliveries" USING btree ("kind","period_from","period_to","chat_id");--> statement-breakpoint
CREATE INDEX "report_incidents_received" ON "report_incidents" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "report_incidents_activity" ON "report_incidents" USING btree ("last_activity_at");--> statement-breakpoint
CREATE INDEX "report_stages_incident" ON "report_stages" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "report_stages_due" ON "report_stages" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "report_stages_open" ON "report_stages" USING btree ("started_at") WHERE ended_at is null;