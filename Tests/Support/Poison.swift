import VigieStorage

extension Fixtures {
    /// Makes the server refuse the classification of one post, every time, with a trigger:
    /// a real failure of the batch's transaction, not a stand-in.
    public static func poison(_ database: Database, postID: Int64) async throws {
        try await database.client.query(
            """
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.post_id = \(unescaped: String(postID)) THEN
                    RAISE EXCEPTION 'post % is poison', NEW.post_id USING ERRCODE = 'P0001';
                END IF;
                RETURN NEW;
            END $$
            """, logger: TestDatabase.logger)
        try await database.client.query(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON classifications FOR EACH ROW EXECUTE FUNCTION refuse_poison()",
            logger: TestDatabase.logger)
    }
}
