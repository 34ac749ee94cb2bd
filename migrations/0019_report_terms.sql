ALTER TABLE "report_incidents" ADD COLUMN "extended_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_incidents" ADD COLUMN "agreed_term" boolean DEFAULT false NOT NULL;