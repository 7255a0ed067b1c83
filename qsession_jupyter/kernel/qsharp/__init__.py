"""Q# in the notebook: qdk's interpreter, callables bound as submittable objects, QIR per profile."""
