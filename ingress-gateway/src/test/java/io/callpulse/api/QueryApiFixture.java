package io.callpulse.api;

import io.callpulse.testsupport.ClickHouseDatabase;

/**
 * Rows as the analytics job writes them (docs/schema-contract.md), for app1 and app2.
 *
 * <p>app1 / room-a has two epochs. e1 (2025-03-01 10:00-10:10): uid 1 host 600 s (Android, sid-1);
 * uid 2 joins 10:02 as host, switches to audience at 10:03, leaves 10:07 (Web). e2 (2025-03-02
 * 09:00-09:05): uid 1 audience 300 s (iOS, sid-2); uid 3 host 09:01-09:04 (Linux, Cloud Recording
 * client type 10). uid 1 is in both epochs: the channel has 3 unique users, not 4. app1 / room-b:
 * one epoch e3 (2025-03-05 12:00-12:01), uid 9 host 60 s, its epoch row written twice (replay) with
 * a newer version. app1 / room-c: an epoch merged away (is_deleted = 1). app2 / room-a: another
 * app's data that must never show in app1's answers.
 */
final class QueryApiFixture {

  static final String APP1 = "app1";
  static final String APP2 = "app2";
  static final String KEY1 = "key-for-app-one-0123456789";
  static final String KEY1_ROTATED = "second-key-of-app-one-abcdef";
  static final String KEY2 = "key-for-app-two-0123456789";

  private QueryApiFixture() {}

  static void insert(ClickHouseDatabase db) {
    db.execute(
        "INSERT INTO channel_epochs (app_id, channel_name, epoch_id, create_ts, destroy_ts,"
            + " first_activity, last_activity, provisional, closed_by, total_seconds, host_seconds,"
            + " audience_seconds, unique_users, unique_hosts, unique_audiences, role_switches,"
            + " sessions, peak_concurrent_users, peak_at, client_types, platforms,"
            + " communication_mode, version, is_deleted) VALUES"
            + " ('app1','room-a','e1','2025-03-01 10:00:00','2025-03-01 10:10:00',"
            + "'2025-03-01 10:00:00','2025-03-01 10:10:00',0,'destroy',900,660,240,2,2,1,1,2,2,"
            + "'2025-03-01 10:02:00',[-1],[1,7],0,1,0),"
            + " ('app1','room-a','e2','2025-03-02 09:00:00','2025-03-02 09:05:00',"
            + "'2025-03-02 09:00:00','2025-03-02 09:05:00',0,'destroy',480,180,300,2,1,1,0,2,2,"
            + "'2025-03-02 09:01:00',[-1,10],[2,6],0,1,0),"
            + " ('app1','room-b','e3','2025-03-05 12:00:00',NULL,"
            + "'2025-03-05 12:00:00','2025-03-05 12:00:30',0,'open',30,30,0,1,1,0,0,1,1,"
            + "'2025-03-05 12:00:00',[-1],[5],0,1,0),"
            + " ('app1','room-c','e9',NULL,NULL,'2025-03-04 08:00:00','2025-03-04 08:01:00',1,"
            + "'open',60,60,0,1,1,0,0,1,1,'2025-03-04 08:00:00',[-1],[1],0,1,0),"
            + " ('app2','room-a','x1','2025-03-01 10:00:00','2025-03-01 11:00:00',"
            + "'2025-03-01 10:00:00','2025-03-01 11:00:00',0,'destroy',99999,99999,0,7,7,0,0,7,7,"
            + "'2025-03-01 10:00:00',[-1],[1],0,1,0)");
    // later versions: room-b's epoch closes (a replayed, newer row), room-c is merged away
    db.execute(
        "INSERT INTO channel_epochs (app_id, channel_name, epoch_id, create_ts, destroy_ts,"
            + " first_activity, last_activity, provisional, closed_by, total_seconds, host_seconds,"
            + " audience_seconds, unique_users, unique_hosts, unique_audiences, role_switches,"
            + " sessions, peak_concurrent_users, peak_at, client_types, platforms,"
            + " communication_mode, version, is_deleted) VALUES"
            + " ('app1','room-b','e3','2025-03-05 12:00:00','2025-03-05 12:01:00',"
            + "'2025-03-05 12:00:00','2025-03-05 12:01:00',0,'destroy',60,60,0,1,1,0,0,1,1,"
            + "'2025-03-05 12:00:00',[-1],[5],0,2,0),"
            + " ('app1','room-c','e9',NULL,NULL,'2025-03-04 08:00:00','2025-03-04 08:01:00',1,"
            + "'open',60,60,0,1,1,0,0,1,1,'2025-03-04 08:00:00',[-1],[1],0,2,1)");
    db.execute(
        "INSERT INTO user_sessions (app_id, channel_name, epoch_id, session_id, uid, join_ts,"
            + " leave_ts, seconds, host_seconds, audience_seconds, role_switches, start_role,"
            + " platform, client_type, account, sid, leave_reason, communication_mode, inferred,"
            + " estimated, state, version, is_deleted) VALUES"
            + " ('app1','room-a','e1','s1',1,'2025-03-01 10:00:00','2025-03-01 10:10:00',600,600,0,"
            + "0,'host',1,NULL,NULL,'sid-1',1,0,0,0,'closed',1,0),"
            + " ('app1','room-a','e1','s2',2,'2025-03-01 10:02:00','2025-03-01 10:07:00',300,60,"
            + "240,1,'host',7,NULL,'bob','sid-3',2,0,0,0,'closed',1,0),"
            + " ('app1','room-a','e2','s3',1,'2025-03-02 09:00:00','2025-03-02 09:05:00',300,0,300,"
            + "0,'audience',2,NULL,NULL,'sid-2',1,0,1,0,'closed',1,0),"
            + " ('app1','room-a','e2','s4',3,'2025-03-02 09:01:00','2025-03-02 09:04:00',180,180,0,"
            + "0,'host',6,10,NULL,NULL,NULL,0,0,1,'closed',1,0),"
            + " ('app1','room-b','e3','s5',9,'2025-03-05 12:00:00','2025-03-05 12:01:00',60,60,0,"
            + "0,'host',5,NULL,NULL,NULL,1,0,0,0,'closed',1,0),"
            + " ('app1','room-c','e9','s9',1,'2025-03-04 08:00:00','2025-03-04 08:01:00',60,60,0,"
            + "0,'host',1,NULL,NULL,NULL,1,0,0,0,'closed',1,1),"
            + " ('app2','room-a','x1','z1',1,'2025-03-01 10:00:00','2025-03-01 11:00:00',3600,"
            + "3600,0,0,'host',1,NULL,NULL,'sid-app2',1,0,0,0,'closed',1,0)");
    db.execute(
        "INSERT INTO channel_concurrency (app_id, channel_name, epoch_id, ts, users, hosts,"
            + " audiences, version, is_deleted) VALUES"
            + " ('app1','room-a','e1','2025-03-01 10:00:00',1,1,0,1,0),"
            + " ('app1','room-a','e1','2025-03-01 10:02:00',2,2,0,1,0),"
            + " ('app1','room-a','e1','2025-03-01 10:03:00',2,1,1,1,0),"
            + " ('app1','room-a','e1','2025-03-01 10:07:00',1,1,0,1,0),"
            + " ('app1','room-a','e1','2025-03-01 10:10:00',0,0,0,1,0),"
            + " ('app1','room-a','e2','2025-03-02 09:00:00',1,0,1,1,0),"
            + " ('app1','room-a','e2','2025-03-02 09:01:00',2,1,1,1,0),"
            + " ('app1','room-a','e2','2025-03-02 09:04:00',1,0,1,1,0),"
            + " ('app1','room-a','e2','2025-03-02 09:05:00',0,0,0,1,0),"
            + " ('app2','room-a','x1','2025-03-01 10:00:00',7,7,0,1,0)");
    db.execute(
        "INSERT INTO daily_channel_usage (app_id, day, channel_name, epoch_id, role, platform,"
            + " client_type, seconds, users, version, is_deleted) VALUES"
            + " ('app1','2025-03-01','room-a','e1','host',1,-1,600,1,1,0),"
            + " ('app1','2025-03-01','room-a','e1','host',7,-1,60,1,1,0),"
            + " ('app1','2025-03-01','room-a','e1','audience',7,-1,240,1,1,0),"
            + " ('app1','2025-03-02','room-a','e2','audience',2,-1,300,1,1,0),"
            + " ('app1','2025-03-02','room-a','e2','host',6,10,180,1,1,0),"
            + " ('app1','2025-03-05','room-b','e3','host',5,-1,60,1,1,0),"
            + " ('app1','2025-04-01','room-b','e4','host',5,-1,90,1,1,0),"
            + " ('app2','2025-03-01','room-a','x1','host',1,-1,3600,1,1,0)");
  }
}
