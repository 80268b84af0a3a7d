"""The projects slice's pages: pipeline board, project page, quota board, 达产复核 and stuck lists."""
