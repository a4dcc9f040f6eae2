/**
 * The panel benchmark's baseline: the smallest LWC re-render there is, one @api value
 * shown as one text node. Not part of the kit.
 */
import { LightningElement, api } from 'lwc';

export default class BenchProbe extends LightningElement {
    @api value = '';
}
