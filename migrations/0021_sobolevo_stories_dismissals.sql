CREATE TABLE "staff_dismissals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"telegram_id" bigint NOT NULL,
	"name" text NOT NULL,
	"department" text,
	"order_date" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"recorded_by" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" bigint,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "staff_dismissals_telegram_id_unique" UNIQUE("telegram_id")
);
--> statement-breakpoint
ALTER TABLE "report_incidents" ADD COLUMN "success_story_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_incidents" ADD COLUMN "success_story_link" text;