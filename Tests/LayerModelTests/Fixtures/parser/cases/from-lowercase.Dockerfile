from alpine as base
run echo hi
