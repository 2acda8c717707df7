"""Learning the readers' weights from labelled pages (`mpt train`); nothing here runs during a build."""
