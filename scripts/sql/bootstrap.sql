-- Dashboard Nanobot: application role and database. Idempotent; run by psql as a superuser
-- (or a role with CREATEROLE and CREATEDB) connected to the maintenance database:
--
--   psql -X -v ON_ERROR_STOP=1 -d postgres -v db_name=nbdash -v db_user=nbdash \
--       -v db_password=... -f bootstrap.sql
--
-- db_password may instead come from the environment variable NBDASH_DB_PASSWORD, which keeps it
-- out of the process list (init-full-db.sh does this). An empty password leaves an existing
-- role's password as it is and creates a new role without one (for trust/peer clusters).
--
-- What it makes sure of, creating only what is absent:
--   - role db_user: LOGIN, no superuser/createdb/createrole/replication/bypassrls; its password
--     is set from db_password on every run, so a re-run rotates it;
--   - database db_name owned by db_user (UTF8, from template0); CONNECT and TEMP revoked from
--     PUBLIC, so only db_user and superusers use it;
--   - in db_name: schema public owned by db_user, CREATE on it revoked from PUBLIC.
-- Tables are then created by create-tables.sql, which switches to db_user so that db_user owns
-- them; privileges to read and write them follow from ownership. Default privileges also grant
-- DML to db_user on tables that the bootstrapping role might create there by hand.

\set ON_ERROR_STOP on
\set QUIET on

\if :{?db_name}
\else
    DO $g$ BEGIN RAISE EXCEPTION 'bootstrap.sql needs -v db_name=<database>'; END $g$;
\endif
\if :{?db_user}
\else
    DO $g$ BEGIN RAISE EXCEPTION 'bootstrap.sql needs -v db_user=<role>'; END $g$;
\endif
\if :{?db_password}
\else
    \getenv db_password NBDASH_DB_PASSWORD
\endif
\if :{?db_password}
\else
    \set db_password ''
\endif

-- Concurrent runs would race between the existence checks and the CREATEs; they queue here.
-- The lock is held by this session and ends with it (at \connect below).
SELECT pg_advisory_lock(hashtext('nbdash.bootstrap')) \g /dev/null

-- Refuse a role that would run the server with more power than it needs.
SELECT format('DO $g$ BEGIN RAISE EXCEPTION USING MESSAGE = %L; END $g$',
              format('role %s is a superuser or is the role running this script; '
                     'choose a dedicated application role', :'db_user'))
FROM pg_roles
WHERE rolname = :'db_user' AND (rolsuper OR rolname = current_user)
\gexec

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user') AS role_existed,
       EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') AS db_existed,
       :'db_password' <> '' AS has_password
\gset

-- Role.
SELECT format('CREATE ROLE %I LOGIN', :'db_user')
WHERE NOT :'role_existed'::boolean
\gexec

SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
              'NOBYPASSRLS', :'db_user')
\gexec

SELECT format('ALTER ROLE %I WITH PASSWORD %L', :'db_user', :'db_password')
WHERE :'has_password'::boolean
\gexec

-- A non-superuser creating a database owned by db_user must be a member of db_user.
SELECT format('GRANT %I TO %I', :'db_user', current_user)
FROM pg_roles
WHERE rolname = current_user AND NOT rolsuper
    AND NOT pg_has_role(current_user, :'db_user', 'MEMBER')
\gexec

-- Database.
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0',
              :'db_name', :'db_user', 'UTF8')
WHERE NOT :'db_existed'::boolean
\gexec

SELECT format('ALTER DATABASE %I OWNER TO %I', :'db_name', :'db_user')
\gexec

SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', :'db_name')
\gexec

SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db_name', :'db_user')
\gexec

\if :role_existed
    \if :has_password
        \echo 'role' :"db_user" 'exists: attributes checked, password updated'
    \else
        \echo 'role' :"db_user" 'exists: attributes checked, password left unchanged'
    \endif
\else
    \if :has_password
        \echo 'role' :"db_user" 'created with a password'
    \else
        \echo 'role' :"db_user" 'created without a password (trust/peer authentication)'
    \endif
\endif
\if :db_existed
    \echo 'database' :"db_name" 'exists: owner set to' :"db_user"
\else
    \echo 'database' :"db_name" 'created, owned by' :"db_user"
\endif

-- Schema public of the new database. Same host and user; psql reuses the password.
\connect :"db_name"
\set ON_ERROR_STOP on

SELECT format('ALTER SCHEMA public OWNER TO %I', :'db_user')
\gexec

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
              'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', current_user, :'db_user')
\gexec

SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
              'GRANT USAGE, SELECT ON SEQUENCES TO %I', current_user, :'db_user')
\gexec

\echo 'schema public of' :"db_name" 'owned by' :"db_user"
