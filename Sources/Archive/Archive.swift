// Archive module
