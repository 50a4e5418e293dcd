FROM	alpine	AS	base
