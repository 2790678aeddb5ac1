-- channel_standings (0003) was replaced by the progress totals of 0006; nothing reads it any more.
DROP TABLE channel_standings;
