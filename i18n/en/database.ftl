# Learners' progress in PostgreSQL (kasseika serve --progress-db). Hosts,
# ports, database names, paths, keys and counts are arguments, never
# translated. The operator's lines are printed after "kasseika: ".

## What a learner is told

progress-db-not-saving = Your progress is NOT being saved just now: the server's database does not answer. The server keeps what you do and saves it as soon as the database is back (unless the server itself stops first).
progress-notice-db-down = The server's database does not answer just now, so your saved progress cannot be read, and you start from the beginning here. Learn on as usual: the server keeps what you do and saves it, together with what was saved before, as soon as the database is back.
progress-notice-db-down-held = The server's database does not answer just now. You go on from what this server kept of your last visit, which is not saved yet; the server saves it, and what you do now, as soon as the database is back.

## The operator's messages

progress-error-db-unavailable = The progress database does not answer: { $detail }
progress-error-db = The progress database answered with an error: { $detail }
serve-help-progress-db = Keep the learners' progress in this PostgreSQL database, so that several servers share it: key=value pairs (host=/run/postgresql dbname=kasseika user=kasseika) or a postgresql:// URI, as psql takes them. The password comes from PGPASSWORD or a password file (~/.pgpass, PGPASSFILE), never from here; sslmode=require or verify-full for a database on another machine
serve-help-import-progress = Copy the learners' progress files of DIR (a --progress-dir) into the --progress-db database, say what was taken and what skipped, and exit; doing it again takes nothing twice
serve-progress-db = the progress of learners who connect with an SSH key is kept in the PostgreSQL database { $db }; learners without a key keep theirs for their session only.
serve-progress-db-unreachable = the progress database { $db } does not answer ({ $error }). Serving the lessons anyway: learners are told that their progress is not being saved; the server keeps it and saves it as soon as the database answers.
serve-progress-db-down = the progress database { $db } does not answer: { $error }
serve-progress-db-newer = the progress database { $db } was set up by a newer kasseika (its schema is version { $found }; this kasseika knows versions up to { $known }). Upgrade kasseika on this machine, or give another database.
serve-progress-db-settings = --progress-db: { $error }
serve-progress-db-tls = --progress-db: cannot use the root certificates in { $path }: { $error }
serve-progress-db-error = --progress-db { $db }: { $error }
serve-progress-db-not-built = this kasseika was built without PostgreSQL (the cargo feature postgres): keep progress in files with --progress-dir, or install a build that has it.
serve-progress-unsaved = { $count ->
    [one] the progress of one learner could not be saved before the stop: the database did not answer.
   *[other] the progress of { $count } learners could not be saved before the stop: the database did not answer.
}
serve-report-db = Read from the PostgreSQL database { $db }
serve-import-needs-db = --import-progress needs --progress-db: the database to copy the files into.
serve-import-taken = taken: { $learner }
serve-import-unchanged = already in the database, nothing new: { $learner }
serve-import-skipped = skipped { $file }: { $why ->
    [empty] it holds no progress
    [unreadable] it cannot be read ({ $detail })
    [aside] a file set aside earlier
    [temporary] an unfinished save
    [failed] { $detail }
   *[other] not a learner's progress file
}
serve-import-summary = { $dir } into { $db }: { $taken } taken, { $unchanged } already there, { $skipped } skipped.

## --progress-db that cannot be used

db-settings-syntax = it is not a connection string ({ $detail }). Write key=value pairs, like host=/run/postgresql dbname=kasseika user=kasseika, or a URI, like postgresql://kasseika@db.example.org/kasseika?sslmode=verify-full
db-settings-password = it holds a password, which anyone on this machine could read in the list of processes. Remove it, and give the password in the PGPASSWORD environment variable or in a password file (~/.pgpass, or the file PGPASSFILE names, readable by its owner only).
db-settings-unsupported = kasseika does not take "{ $key }". It takes host, hostaddr, port, user, dbname, sslmode, sslrootcert, passfile, options, application_name, connect_timeout, keepalives settings, target_session_attrs and channel_binding.
db-settings-bad-value = "{ $key }" cannot be "{ $value }". sslmode takes disable, allow, prefer, require, verify-ca or verify-full.
db-settings-passfile-open = the password file { $path } can be read by other users: make it private with chmod 600 { $path }
db-settings-no-root-cert = sslmode verify-ca and verify-full check the server's certificate against a root certificate, and there is none: give the certificate authority's file with sslrootcert=PATH (sslrootcert=system for the system's), or put it in { $path }.
