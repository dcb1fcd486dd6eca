// The public generation (normen_portal/public_cache.py) for the cache key. The portal rewrites
// the file whenever something the public can see changes; read per request, so a publication
// takes effect for the very next request. No file, no value: then nothing is cached.
import fs from 'fs';

function generation(r) {
    try {
        return fs.readFileSync('/var/lib/normen/public-generation', 'utf8').trim();
    } catch (e) {
        return '';
    }
}

export default {generation};
