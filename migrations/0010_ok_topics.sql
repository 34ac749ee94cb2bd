CREATE TABLE "ok_topic_cursors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"anchor" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ok_topic_polls" (
	"group_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"polled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ok_topic_cursors_topic" ON "ok_topic_cursors" USING btree ("group_id","topic_id");