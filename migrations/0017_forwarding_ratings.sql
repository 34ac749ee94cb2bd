ALTER TABLE "report_incidents" ADD COLUMN "forwarded_to" text;--> statement-breakpoint
ALTER TABLE "report_incidents" ADD COLUMN "rating" integer;