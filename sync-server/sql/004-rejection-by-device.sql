-- A resent push (its response was lost) finds the rejections it caused the
-- first time by device and mid, to report them again.
CREATE INDEX IF NOT EXISTS rejection_by_device ON rejection (device_id, mid);
