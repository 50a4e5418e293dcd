FrOm alpine
RuN echo mixed
CoPy a b
