"""Reading: which files under sops/ are SOP data, YAML to model, every problem found."""
