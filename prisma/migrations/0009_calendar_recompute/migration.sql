-- R32: a task's due can be recomputed from what it is counted from; a due the calendar could not compute
-- needs attention; a replaced calendar year records why.
ALTER TABLE "Task" ADD COLUMN "dueFrom" TIMESTAMP(3);
ALTER TABLE "Task" ADD COLUMN "dueAttention" TEXT;
ALTER TABLE "ReviewTask" ADD COLUMN "dueFrom" TIMESTAMP(3);
ALTER TABLE "ReviewTask" ADD COLUMN "dueAttention" TEXT;
ALTER TABLE "CalendarYear" ADD COLUMN "reason" TEXT;
