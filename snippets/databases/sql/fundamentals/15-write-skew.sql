-- title: Write skew: REPEATABLE READ lets it through, SERIALIZABLE stops it
-- engine: postgresql
-- Two concurrent transactions need two sessions: dblink opens them from this one.
CREATE EXTENSION dblink;
SET client_min_messages = warning;  -- dblink also reports a failed COMMIT as a NOTICE

-- Rule: at least one doctor stays on call.
-- Each transaction checks the rule, then takes one doctor off call.
CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
INSERT INTO doctors VALUES ('ana', true), ('bo', true);

SELECT dblink_connect(s, format('host=127.0.0.1 port=%s dbname=%s user=%s',
                                current_setting('port'), current_database(), current_user))
FROM (VALUES ('t1'), ('t2')) AS sessions (s);

CREATE FUNCTION go_off_call(level text)
RETURNS TABLE (isolation_level text, t1_saw bigint, t2_saw bigint,
               t1_commit text, t2_commit text, still_on_call bigint)
LANGUAGE plpgsql AS $$
DECLARE
    on_call_count CONSTANT text := 'SELECT count(*) FROM doctors WHERE on_call';
BEGIN
    PERFORM dblink_exec('t1', 'UPDATE doctors SET on_call = true');  -- two doctors on call
    PERFORM dblink_exec('t1', 'BEGIN ISOLATION LEVEL ' || level);
    PERFORM dblink_exec('t2', 'BEGIN ISOLATION LEVEL ' || level);
    -- both check the rule before either writes: each sees two doctors on call
    SELECT n INTO t1_saw FROM dblink('t1', on_call_count) AS r (n bigint);
    SELECT n INTO t2_saw FROM dblink('t2', on_call_count) AS r (n bigint);
    -- each takes a different doctor off call: the two writes never touch the same row
    PERFORM dblink_exec('t1', 'UPDATE doctors SET on_call = false WHERE name = ''ana''');
    PERFORM dblink_exec('t2', 'UPDATE doctors SET on_call = false WHERE name = ''bo''');
    t1_commit := dblink_exec('t1', 'COMMIT', false);
    t2_commit := dblink_exec('t2', 'COMMIT', false);
    IF t2_commit = 'ERROR' THEN  -- keep the first line of the error, without DETAIL and HINT
        t2_commit := regexp_replace(split_part(dblink_error_message('t2'), E'\n', 1),
                                    '^ERROR:\s+', 'failed: ');
    END IF;
    isolation_level := level;
    SELECT n INTO still_on_call FROM dblink('t1', on_call_count) AS r (n bigint);
    RETURN NEXT;
END
$$;

CREATE TABLE outcome AS SELECT 1 AS run, * FROM go_off_call('REPEATABLE READ');
INSERT INTO outcome SELECT 2, * FROM go_off_call('SERIALIZABLE');
SELECT dblink_disconnect('t1'), dblink_disconnect('t2');

SELECT isolation_level, t1_saw, t2_saw, t1_commit, t2_commit, still_on_call
FROM outcome
ORDER BY run;
