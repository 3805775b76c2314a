"""The Qt-free core: checklist, inspection model, validators, findings and progress."""
