#!/usr/bin/env bash
# Backup and restore times and sizes of the demo and a bigger data set, SQLite and PostgreSQL (docs/performance.md).
# Needs: `dotnet build src/Jianxun.Cli`, a PostgreSQL server on 127.0.0.1:55432 (user postgres, trust; .ci/postgres-start),
# psql, python3 and bc. Works in /tmp/backup-measure (about 1.2 GB while it runs).
set -euo pipefail
JX="dotnet $(cd "$(dirname "$0")/.." && pwd)/artifacts/bin/Jianxun.Cli/debug/jianxun.dll"
W=/tmp/backup-measure; rm -rf $W; mkdir -p $W/archives
run() { local label=$1; shift; local s=$(date +%s.%N); "$@" > $W/last.out 2> $W/last.err; local e=$(date +%s.%N); printf '%s: %.1f s\n' "$label" "$(echo "$e - $s" | bc)"; }
for kind in Sqlite Postgres; do
  for size in demo big; do
    export Jianxun__Database=$kind Jianxun__DataDirectory=$W/$kind-$size-src
    if [ $kind = Postgres ]; then
      db=jx_measure_${size}_src; psql -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
      export ConnectionStrings__Jianxun="Host=127.0.0.1;Port=55432;Username=postgres;Database=$db"
    else unset ConnectionStrings__Jianxun; fi
    $JX db seed-demo > /dev/null
    if [ $size = big ]; then
      # 1,000 stored files of 256 KB (random bytes: incompressible, like photos) and 100,000 audit rows.
      mkdir -p $Jianxun__DataDirectory/uploads/2026/12
      for i in $(seq 1 1000); do head -c 262144 /dev/urandom > $Jianxun__DataDirectory/uploads/2026/12/p$i.jpg; done
      sql="INSERT INTO \"AuditEntries\" (\"At\",\"UserName\",\"Action\",\"EntityType\",\"EntityId\",\"Details\") SELECT '2026-01-01','system','measure.row','Measure',g::text,repeat('说明',40) FROM generate_series(1,100000) g"
      if [ $kind = Postgres ]; then psql -h 127.0.0.1 -p 55432 -U postgres -d $db -qc "$sql";
      else python3 - "$Jianxun__DataDirectory/jianxun.db" <<'PY'
import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.executemany('INSERT INTO "AuditEntries" ("At","UserName","Action","EntityType","EntityId","Details") VALUES (?,?,?,?,?,?)',[('2026-01-01 00:00:00','system','measure.row','Measure',str(i),'说明'*40) for i in range(100000)]); c.commit()
PY
      fi
    fi
    a=$W/archives/$kind-$size.zip
    run "$kind $size backup" $JX backup -o $a
    grep "数据库" $W/last.out | head -2 || true
    du -sh $Jianxun__DataDirectory | sed 's/^/  data directory /'; ls -la $a | awk '{printf "  archive %.1f MB\n", $5/1048576}'
    export Jianxun__DataDirectory=$W/$kind-$size-dst
    if [ $kind = Postgres ]; then
      db=jx_measure_${size}_dst; psql -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
      export ConnectionStrings__Jianxun="Host=127.0.0.1;Port=55432;Username=postgres;Database=$db"
    fi
    run "$kind $size restore" $JX restore $a
    tail -1 $W/last.out
  done
done
