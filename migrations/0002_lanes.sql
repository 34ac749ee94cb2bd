CREATE TABLE "lane_digest_items" (
	"digest_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"incident_id" bigint NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lane_digests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"nonce" text NOT NULL,
	"message_id" integer,
	"page" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"shown_version" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lane_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"shown_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lane_digest_items" ADD CONSTRAINT "lane_digest_items_digest_id_lane_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."lane_digests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lane_digest_items" ADD CONSTRAINT "lane_digest_items_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lane_digest_items_chat_incident" ON "lane_digest_items" USING btree ("chat_id","incident_id");--> statement-breakpoint
CREATE INDEX "lane_digest_items_digest" ON "lane_digest_items" USING btree ("digest_id","incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lane_digests_nonce" ON "lane_digests" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "lane_digests_chat" ON "lane_digests" USING btree ("chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lane_messages_chat_key" ON "lane_messages" USING btree ("chat_id","key");--> statement-breakpoint
CREATE INDEX "lane_messages_behind" ON "lane_messages" USING btree ("id") WHERE shown_version is null or shown_version < version;