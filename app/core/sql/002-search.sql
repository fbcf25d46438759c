-- Coachbook catalog, version 2: full-text search.
--
-- One FTS5 index per kind: exercises, clips (title, notes, file name and the
-- text of their markers), workouts and athletes. An index's rowid is the
-- rowid of its row, so triggers find entries without scanning, and a query
-- over the small kinds never walks the clips' doclists. The prefix indexes
-- make search as you type on the first letters cheap.

-- exercise
CREATE VIRTUAL TABLE search_exercise USING fts5 (
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
CREATE TRIGGER exercise_search_ai AFTER INSERT ON exercise WHEN new.deleted = 0 BEGIN
  INSERT INTO search_exercise (rowid, title, body)
  VALUES (new.rowid, new.name,
          (ifnull (new.description, '') || ' ' || ifnull (new.instructions, '') || ' ' || ifnull (new.muscles, '') || ' ' || ifnull (new.equipment, '')));
END;
CREATE TRIGGER exercise_search_au AFTER UPDATE OF name, description, instructions, muscles, equipment, deleted ON exercise BEGIN
  DELETE FROM search_exercise WHERE rowid = old.rowid;
  INSERT INTO search_exercise (rowid, title, body)
  SELECT new.rowid, new.name,
         (ifnull (new.description, '') || ' ' || ifnull (new.instructions, '') || ' ' || ifnull (new.muscles, '') || ' ' || ifnull (new.equipment, ''))
  WHERE new.deleted = 0;
END;
CREATE TRIGGER exercise_search_ad AFTER DELETE ON exercise BEGIN
  DELETE FROM search_exercise WHERE rowid = old.rowid;
END;

-- clip; markers are part of their clip's entry
CREATE VIRTUAL TABLE search_clip USING fts5 (
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
CREATE TRIGGER clip_search_ai AFTER INSERT ON clip WHEN new.deleted = 0 BEGIN
  INSERT INTO search_clip (rowid, title, body)
  VALUES (new.rowid, new.title,
          (ifnull (new.notes, '') || ' ' || ifnull (new.original_name, '') || ' ' || ifnull ((SELECT group_concat (m.text, ' ') FROM clip_marker m
                      WHERE m.clip_id = new.id AND m.deleted = 0), '')));
END;
CREATE TRIGGER clip_search_au AFTER UPDATE OF title, notes, original_name, deleted ON clip BEGIN
  DELETE FROM search_clip WHERE rowid = old.rowid;
  INSERT INTO search_clip (rowid, title, body)
  SELECT new.rowid, new.title,
         (ifnull (new.notes, '') || ' ' || ifnull (new.original_name, '') || ' ' || ifnull ((SELECT group_concat (m.text, ' ') FROM clip_marker m
                     WHERE m.clip_id = new.id AND m.deleted = 0), ''))
  WHERE new.deleted = 0;
END;
CREATE TRIGGER clip_search_ad AFTER DELETE ON clip BEGIN
  DELETE FROM search_clip WHERE rowid = old.rowid;
END;

-- Touching a clip's title to itself re-runs clip_search_au for it.
CREATE TRIGGER clip_marker_search_ai AFTER INSERT ON clip_marker BEGIN
  UPDATE clip SET title = title WHERE id = new.clip_id;
END;
CREATE TRIGGER clip_marker_search_au AFTER UPDATE OF text, deleted, clip_id ON clip_marker BEGIN
  UPDATE clip SET title = title WHERE id IN (old.clip_id, new.clip_id);
END;
CREATE TRIGGER clip_marker_search_ad AFTER DELETE ON clip_marker BEGIN
  UPDATE clip SET title = title WHERE id = old.clip_id;
END;

-- workout
CREATE VIRTUAL TABLE search_workout USING fts5 (
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
CREATE TRIGGER workout_search_ai AFTER INSERT ON workout WHEN new.deleted = 0 BEGIN
  INSERT INTO search_workout (rowid, title, body)
  VALUES (new.rowid, new.name, new.description);
END;
CREATE TRIGGER workout_search_au AFTER UPDATE OF name, description, deleted ON workout BEGIN
  DELETE FROM search_workout WHERE rowid = old.rowid;
  INSERT INTO search_workout (rowid, title, body)
  SELECT new.rowid, new.name, new.description
  WHERE new.deleted = 0;
END;
CREATE TRIGGER workout_search_ad AFTER DELETE ON workout BEGIN
  DELETE FROM search_workout WHERE rowid = old.rowid;
END;

-- athlete
CREATE VIRTUAL TABLE search_athlete USING fts5 (
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
CREATE TRIGGER athlete_search_ai AFTER INSERT ON athlete WHEN new.deleted = 0 BEGIN
  INSERT INTO search_athlete (rowid, title, body)
  VALUES (new.rowid, new.name, (ifnull (new.email, '') || ' ' || ifnull (new.notes, '')));
END;
CREATE TRIGGER athlete_search_au AFTER UPDATE OF name, email, notes, deleted ON athlete BEGIN
  DELETE FROM search_athlete WHERE rowid = old.rowid;
  INSERT INTO search_athlete (rowid, title, body)
  SELECT new.rowid, new.name, (ifnull (new.email, '') || ' ' || ifnull (new.notes, ''))
  WHERE new.deleted = 0;
END;
CREATE TRIGGER athlete_search_ad AFTER DELETE ON athlete BEGIN
  DELETE FROM search_athlete WHERE rowid = old.rowid;
END;

-- Index what version 1 already held.
INSERT INTO search_exercise (rowid, title, body)
  SELECT rowid, name, (ifnull (description, '') || ' ' || ifnull (instructions, '') || ' ' || ifnull (muscles, '') || ' ' || ifnull (equipment, ''))
  FROM exercise WHERE deleted = 0;
INSERT INTO search_clip (rowid, title, body)
  SELECT c.rowid, c.title,
         (ifnull (c.notes, '') || ' ' || ifnull (c.original_name, '') || ' ' || ifnull ((SELECT group_concat (m.text, ' ') FROM clip_marker m
                     WHERE m.clip_id = c.id AND m.deleted = 0), ''))
  FROM clip c WHERE c.deleted = 0;
INSERT INTO search_workout (rowid, title, body)
  SELECT rowid, name, description FROM workout WHERE deleted = 0;
INSERT INTO search_athlete (rowid, title, body)
  SELECT rowid, name, (ifnull (email, '') || ' ' || ifnull (notes, '')) FROM athlete WHERE deleted = 0;
