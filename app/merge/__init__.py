"""The provincial merge: safe reading, validation, the province store and the summary. No Qt."""
