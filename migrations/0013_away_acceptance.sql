ALTER TABLE "staff_away" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
-- Absences set before acceptance existed keep standing in.
UPDATE "staff_away" SET "accepted_at" = "created_at";
