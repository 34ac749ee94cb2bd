CREATE TABLE "invited_staff" (
	"telegram_id" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"department" text,
	"invite_token" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" bigint
);
--> statement-breakpoint
CREATE TABLE "staff_invites" (
	"token" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"department" text,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_by" bigint,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
