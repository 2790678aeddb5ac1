-- Slack workspaces installed through OAuth: one bot token per workspace (or org-wide install), so one
-- process serves many workspaces. Empty strings stand for "no enterprise" / "org-wide", keeping the key simple.
CREATE TABLE slack_installations (
    enterprise_id         TEXT NOT NULL DEFAULT '',
    team_id               TEXT NOT NULL DEFAULT '',
    app_id                TEXT NOT NULL DEFAULT '',
    team_name             TEXT NOT NULL DEFAULT '',
    bot_token             TEXT NOT NULL,
    bot_id                TEXT NOT NULL,
    bot_user_id           TEXT NOT NULL,
    bot_scopes            TEXT NOT NULL DEFAULT '',
    is_enterprise_install INTEGER NOT NULL DEFAULT 0,
    installed_at          REAL NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
);
-- OAuth `state` values handed to installers' browsers, each good once until it expires.
CREATE TABLE slack_oauth_states (
    state      TEXT PRIMARY KEY,
    expires_at REAL NOT NULL
);
