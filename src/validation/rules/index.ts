// Loading this module registers every kind and rule with the engine. One module per kind or family.
import './image';
import './mirror-sets';
import './image-registry-config';
import './image-pruner';
