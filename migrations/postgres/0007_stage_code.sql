-- Code exercises (`<SmartCodeRunner>` in a guide) keep the code they start
-- from and its language, so that a room can offer "start your answer from
-- this code". NULL for every other kind of stage.
ALTER TABLE stages ADD COLUMN code TEXT;
ALTER TABLE stages ADD COLUMN code_language TEXT;
