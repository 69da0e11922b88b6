-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "syncSeq" INTEGER NOT NULL DEFAULT 0;
