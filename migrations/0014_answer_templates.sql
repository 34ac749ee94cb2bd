CREATE TABLE "acknowledgement_templates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"proposed_by" bigint NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"approved_by" bigint,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "acknowledgements" (
	"incident_id" bigint PRIMARY KEY NOT NULL,
	"template_id" bigint NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sending_since" timestamp with time zone,
	"network_message_id" text,
	"reason_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "answer_templates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone,
	"deleted_by" bigint,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "template_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"template_id" bigint NOT NULL,
	"action" text NOT NULL,
	"actor_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_inputs" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"args" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acknowledgements_pending" ON "acknowledgements" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "answer_templates_topic" ON "answer_templates" USING btree ("topic") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "template_audit_template" ON "template_audit" USING btree ("kind","template_id");