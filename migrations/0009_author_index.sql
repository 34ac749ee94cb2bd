-- 0007 created this index by hand beside pg_trgm; declaring it in the schema lets drizzle-kit know it.
CREATE INDEX IF NOT EXISTS "incidents_author_detected" ON "incidents" USING btree ("network","author_id","detected_at");
